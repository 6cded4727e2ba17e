package org.schsm.hsm;

import java.util.List;

/**
 * One observation of the {@link Doctor}: plain strings and lists so that the CLI can print it or
 * write it as JSON without knowing this class.
 *
 * @param code        stable identifier, e.g. {@code user-pin-blocked}
 * @param summary     one line
 * @param explanation what the state means, what each way out costs, and the sources
 * @param commands    CLI commands that are the way forward, in order
 * @param doNot       actions that would make things worse, each with the reason
 * @param dependsOnDevice statements that are not certain for every SmartCard-HSM: behaviour the
 *                    vendor does not document, seen on some implementations only. The
 *                    explanation states only what is certain; these say what may differ.
 */
public record Finding(Severity severity, String code, String summary, String explanation,
                      List<String> commands, List<String> doNot, List<String> dependsOnDevice) {
    public Finding {
        commands = List.copyOf(commands);
        doNot = List.copyOf(doNot);
        dependsOnDevice = List.copyOf(dependsOnDevice);
    }

    /** A finding whose every statement holds for any SmartCard-HSM. */
    public Finding(Severity severity, String code, String summary, String explanation,
                   List<String> commands, List<String> doNot) {
        this(severity, code, summary, explanation, commands, doNot, List.of());
    }
}
