/** The PromQL lexer and duration text handling, used by the parser and printer only. */
package dev.vigil.integrations.promql.internal;
