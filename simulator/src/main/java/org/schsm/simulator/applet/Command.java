package org.schsm.simulator.applet;

import javacard.framework.APDU;

/**
 * One card command (one instruction). {@link SmartCardHsmApplet} keeps a table from CLA/INS to
 * the implementing object, so each command reads in one class named after it.
 */
interface Command {
    /** Processes the APDU; answers with data and 9000, or throws an ISOException with the SW. */
    void process(APDU apdu);
}
