/**
 * The shop's source code as a real Git repository: one folder per service, migrations, feature flags,
 * its Backstage catalog, CODEOWNERS and runbooks, with one commit per deploy, so that a deploy watch can
 * read a real changeset between two deploys.
 */
package dev.vigil.demo.repository;
