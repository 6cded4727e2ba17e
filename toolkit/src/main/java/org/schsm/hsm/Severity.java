package org.schsm.hsm;

/** How urgent a {@link Finding} is, least urgent first. */
public enum Severity {
    OK, INFO, WARNING, CRITICAL
}
