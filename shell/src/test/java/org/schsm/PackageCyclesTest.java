package org.schsm;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No package depends on itself through other packages, in any module. Maven's enforcer guards the
 * arrows between modules (shell -> simulator -> toolkit); this guards the arrows inside each one,
 * so that a package can be read and tested on its own. The shell sees every module's main classes,
 * so the check for all three lives here.
 */
class PackageCyclesTest {

    @ParameterizedTest
    @ValueSource(classes = {
            org.schsm.apdu.CommandApdu.class,           // toolkit
            org.schsm.simulator.SimulatedCard.class,    // simulator
            org.schsm.cli.Main.class})                  // shell
    void moduleHasNoPackageCycle(Class<?> anyMainClassOfTheModule) throws Exception {
        Location module = Location.of(anyMainClassOfTheModule.getProtectionDomain().getCodeSource().getLocation());
        JavaClasses classes = new ClassFileImporter().importLocations(Set.of(module));
        assertTrue(classes.size() > 20, "imported the module's classes from " + module);
        slices().matching("org.schsm.(**)").should().beFreeOfCycles().check(classes);
    }
}
