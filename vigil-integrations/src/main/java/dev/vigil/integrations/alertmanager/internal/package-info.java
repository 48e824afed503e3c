/** JSON reading shared by the webhook parser and the API client. */
package dev.vigil.integrations.alertmanager.internal;
