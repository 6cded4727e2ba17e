package org.schsm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter whose value is a secret (PIN, SO-PIN, password, DKEK share, key material).
 * The shell's history masking, error rendering and the leak sweeps read this annotation from the
 * API by reflection, so a new method that takes a secret is masked without a list kept by hand.
 * Parameters of the secret value types ({@code PinValue} and its subtypes) are secret whether
 * annotated or not; the annotation is needed where a secret arrives as a String, char[] or byte[].
 * On the field of a command-line option it marks the option as taking a secret (or where to read
 * one from), which the CLI's leak sweep fills with marker PINs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Secret {
}
