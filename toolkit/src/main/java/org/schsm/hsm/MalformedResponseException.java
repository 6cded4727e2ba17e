package org.schsm.hsm;

import org.schsm.SchsmException;

/**
 * The card said 9000 but its response data does not have the structure the SmartCard-HSM
 * defines (an FCP without tag 85, a truncated DKEK status). Usually another applet answered.
 */
public class MalformedResponseException extends SchsmException {
    public MalformedResponseException(String message) {
        super(message);
    }
}
