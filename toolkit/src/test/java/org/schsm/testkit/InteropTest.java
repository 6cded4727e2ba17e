package org.schsm.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to the real PC/SC stack (pcscd with vpcd) and OpenSC's tools.
 * Before each test, {@link PcscEnvironment} checks the listed requirements: when one is
 * missing the tests are skipped with a message naming it, or fail when the environment variable
 * {@code CI} is {@code true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(PcscEnvironment.class)
public @interface InteropTest {
    Requirement[] value();
}
