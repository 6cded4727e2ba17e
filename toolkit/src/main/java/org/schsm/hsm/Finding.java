package org.schsm.hsm;

import java.util.List;
import java.util.function.Function;
import org.schsm.Advice;
import org.schsm.Remedy;

/**
 * One observation of the {@link Doctor}. The ways forward are {@link Remedy} values, also where
 * the text names them, so that each front end says them in its own words ({@link #rendered}).
 *
 * @param code        stable identifier, e.g. {@code user-pin-blocked}
 * @param summary     one line
 * @param explanation what the state means, what each way out costs, and the sources
 * @param remedies    the ways forward, in order
 * @param doNot       actions that would make things worse, each with the reason
 * @param dependsOnDevice statements that are not certain for every SmartCard-HSM: behaviour the
 *                    vendor does not document, seen on some implementations only. The
 *                    explanation states only what is certain; these say what may differ.
 */
public record Finding(Severity severity, String code, String summary, Advice explanation,
                      List<Remedy> remedies, List<Advice> doNot, List<String> dependsOnDevice) {
    public Finding {
        remedies = List.copyOf(remedies);
        doNot = List.copyOf(doNot);
        dependsOnDevice = List.copyOf(dependsOnDevice);
    }

    /** A finding whose every statement holds for any SmartCard-HSM. */
    public Finding(Severity severity, String code, String summary, Advice explanation,
                   List<Remedy> remedies, List<Advice> doNot) {
        this(severity, code, summary, explanation, remedies, doNot, List.of());
    }

    /** The finding as text, each remedy said by {@code say}: what the CLI prints and writes as JSON. */
    public Text rendered(Function<? super Remedy, String> say) {
        return new Text(severity, code, summary, explanation.render(say),
                remedies.stream().map(say).toList(), doNot.stream().map(a -> a.render(say)).toList(), dependsOnDevice);
    }

    /** A {@link Finding} as plain strings: {@code commands} are its remedies, said by one front end. */
    public record Text(Severity severity, String code, String summary, String explanation,
                       List<String> commands, List<String> doNot, List<String> dependsOnDevice) {
    }
}
