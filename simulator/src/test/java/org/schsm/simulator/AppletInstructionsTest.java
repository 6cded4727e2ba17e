package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.simulator.applet.SmartCardHsmApplet;

/**
 * The applet keeps its own Java Card constants (it may use the Java Card API only, see
 * {@link AppletApiSubsetTest}); this ties them to the toolkit's catalogue, so that the two sides
 * cannot drift: every instruction the applet dispatches is in {@link Instruction} under the same
 * name and code, and the applet answers to the AID the host selects.
 */
class AppletInstructionsTest {

    @Test
    void everyInstructionOfTheAppletIsInTheCatalogueUnderItsName() throws IllegalAccessException {
        Map<String, Integer> applet = appletInstructions();
        assertTrue(applet.size() >= 11, "INS constants found in the applet: " + applet);
        for (Map.Entry<String, Integer> e : applet.entrySet()) {
            Instruction known = Instruction.of(e.getValue()).orElse(null);
            assertTrue(known != null, e.getKey() + " (" + Hex.byteHex(e.getValue()) + ") is not in the catalogue");
            assertEquals(catalogueName(e.getKey()), known.name(), e.getKey() + " has another name in the catalogue");
        }
    }

    @Test
    void theAppletAnswersToTheAidTheHostSelects() throws ReflectiveOperationException {
        Field aid = SmartCardHsmApplet.class.getDeclaredField("AID");
        aid.setAccessible(true);
        assertArrayEquals(Hex.decode(SmartCardHsm.AID_HEX), (byte[]) aid.get(null));
    }

    /** The applet says PERSONALISE for what ISO 7816-4 calls PUT DATA (DA). */
    private static String catalogueName(String appletConstant) {
        String name = appletConstant.substring("INS_".length());
        return name.equals("PERSONALISE") ? Instruction.PUT_DATA.name() : name;
    }

    private static Map<String, Integer> appletInstructions() throws IllegalAccessException {
        Map<String, Integer> out = new TreeMap<>();
        for (Field f : SmartCardHsmApplet.class.getDeclaredFields()) {
            if (f.getName().startsWith("INS_") && Modifier.isStatic(f.getModifiers()) && f.getType() == byte.class) {
                f.setAccessible(true);
                out.put(f.getName(), f.getByte(null) & 0xFF);
            }
        }
        return out;
    }
}
