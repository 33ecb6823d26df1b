/**
 * The command-line entry of the {@code cli} jar: runs the quickstart on the bundled data or fits a user's CSV and
 * prints a report, as text or JSON. Internal: not exported from the module; the only package allowed to print.
 */
package io.maas.cli;
