package org.schsm.simulator;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.schsm.simulator.applet.SmartCardHsmApplet;

/**
 * Host-side view of the applet's persistent state: the byte arrays named in {@link #SECTIONS},
 * read and overwritten in place by reflection so the applet itself needs no host API.
 */
final class AppletState {
    /** Field names of {@link SmartCardHsmApplet} that together hold all persistent state. */
    static final String[] SECTIONS = {"nvm", "fileData", "keyData"};
    /** Looked up once: {@link #matches} runs after every APDU. */
    private static final Map<String, Field> FIELDS = fields();

    private AppletState() {
    }

    /**
     * True when every section of the applet holds exactly the bytes in {@code sections}; compares
     * in place, without copying, so a host can afford it after every APDU.
     */
    static boolean matches(SmartCardHsmApplet applet, Map<String, byte[]> sections) {
        for (String name : SECTIONS) {
            byte[] known = sections.get(name);
            if (known == null || !Arrays.equals(array(applet, name), known)) {
                return false;
            }
        }
        return true;
    }

    /** Copies of every section, in {@link #SECTIONS} order. */
    static Map<String, byte[]> snapshot(SmartCardHsmApplet applet) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : SECTIONS) {
            out.put(name, array(applet, name).clone());
        }
        return out;
    }

    /**
     * Overwrites every section with the given bytes. All sections must be present with the
     * applet's sizes; nothing is written unless all of them fit.
     */
    static void restore(SmartCardHsmApplet applet, Map<String, byte[]> sections) throws StateFileException {
        for (String name : SECTIONS) {
            byte[] saved = sections.get(name);
            if (saved == null) {
                throw new StateFileException("state section '" + name + "' is missing");
            }
            int expected = array(applet, name).length;
            if (saved.length != expected) {
                throw new StateFileException("state section '" + name + "' has " + saved.length
                        + " bytes, the applet uses " + expected);
            }
        }
        for (String name : SECTIONS) {
            byte[] target = array(applet, name);
            System.arraycopy(sections.get(name), 0, target, 0, target.length);
        }
    }

    private static byte[] array(SmartCardHsmApplet applet, String name) {
        try {
            return (byte[]) FIELDS.get(name).get(applet);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("applet's persistent array '" + name + "' is not accessible", e);
        }
    }

    private static Map<String, Field> fields() {
        Map<String, Field> out = new LinkedHashMap<>();
        for (String name : SECTIONS) {
            try {
                Field field = SmartCardHsmApplet.class.getDeclaredField(name);
                field.setAccessible(true);
                out.put(name, field);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("applet has no persistent array '" + name + "'", e);
            }
        }
        return out;
    }
}
