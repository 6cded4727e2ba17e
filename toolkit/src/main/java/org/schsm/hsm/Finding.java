package org.schsm.hsm;

import java.util.List;

/**
 * One observation of the {@link Doctor}: what is the case, why it matters, which CLI commands
 * lead out of it, and what not to do. Plain fields, so a CLI can print or serialize it.
 */
public record Finding(Severity severity, String title, String explanation, List<String> commands, List<String> doNot) {
    public Finding {
        commands = List.copyOf(commands);
        doNot = List.copyOf(doNot);
    }
}
