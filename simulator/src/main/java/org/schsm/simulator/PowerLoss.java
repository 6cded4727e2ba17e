package org.schsm.simulator;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.schsm.simulator.applet.SmartCardHsmApplet;
import org.schsm.simulator.applet.TrySpentListener;

/**
 * Host side of the power-loss (tearing) simulation: arms and reads the hook fields of the
 * applet's {@code Nvm} (field {@code mem}) by reflection, so the applet keeps no host API, and
 * runs its power-up recovery as a card runtime does when power returns.
 */
final class PowerLoss {
    private PowerLoss() {
    }

    /** Lets {@code writes} counted persistent writes through, then cuts power. */
    static void arm(SmartCardHsmApplet applet, int writes) {
        if (writes < 0 || writes > Short.MAX_VALUE) {
            throw new IllegalArgumentException("writes must be 0.." + Short.MAX_VALUE + ", not " + writes);
        }
        Object mem = mem(applet);
        set(mem, "torn", false);
        set(mem, "writes", (short) 0);
        set(mem, "tearAfter", (short) writes);
    }

    /** True when the armed number of writes has been made (or one more was attempted). */
    static boolean tripped(SmartCardHsmApplet applet) {
        Object mem = mem(applet);
        try {
            Method m = mem.getClass().getDeclaredMethod("tornOrLimitReached");
            m.setAccessible(true);
            return (Boolean) m.invoke(mem);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("applet Nvm has no tearing hook", e);
        }
    }

    /** Disarms the hook and runs the applet's power-up recovery (interrupted update undone). */
    static void powerUp(SmartCardHsmApplet applet) {
        Object mem = mem(applet);
        set(mem, "tearAfter", (short) -1);
        set(mem, "writes", (short) 0);
        set(mem, "torn", false);
        try {
            Method m = mem.getClass().getDeclaredMethod("recover");
            m.setAccessible(true);
            m.invoke(mem);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("applet Nvm has no recovery method", e);
        }
    }

    /**
     * Installs (or, with null, removes) the applet's {@code Nvm} hook that reports a lowered retry
     * counter before the comparison it protects. Lives here because it is the same kind of host
     * reach into {@code Nvm} as the power-loss hook.
     */
    static void onTrySpent(SmartCardHsmApplet applet, TrySpentListener listener) {
        set(mem(applet), "trySpent", listener);
    }

    private static Object mem(SmartCardHsmApplet applet) {
        try {
            Field f = SmartCardHsmApplet.class.getDeclaredField("mem");
            f.setAccessible(true);
            return f.get(applet);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("applet has no Nvm field 'mem'", e);
        }
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("applet Nvm has no field '" + name + "'", e);
        }
    }
}
