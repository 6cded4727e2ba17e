package org.schsm.cli.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs schsm against the real PC/SC stack (pcscd with vpcd) next to
 * OpenSC's tools. Before each test {@link InteropEnvironment} checks the listed requirements:
 * a missing one skips the test with a message naming it, or fails it when {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(InteropEnvironment.class)
@interface InteropTest {
    Requirement[] value();
}
