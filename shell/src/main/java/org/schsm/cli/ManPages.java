package org.schsm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages (man(7) troff) for every command, written from the same picocli model that prints
 * {@code --help}, so the two cannot disagree. picocli's own generator writes AsciiDoc, which needs
 * Asciidoctor to become troff; the model is small enough to be written as troff directly.
 */
final class ManPages {
    private ManPages() {
    }

    /** The page's file name: {@code schsm-pin-change.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** The whole page of {@code cl}'s command. */
    static String page(CommandLine cl, String version) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder b = new StringBuilder();
        b.append(".\\\" Generated from schsm's picocli model at build time (org.schsm.cli.ManPages).\n");
        b.append(".TH \"").append(pageName(spec).toUpperCase(java.util.Locale.ROOT)).append("\" \"1\" \"\" \"schsm ")
                .append(escape(version)).append("\" \"schsm Manual\"\n");
        b.append(".SH NAME\n").append(escape(pageName(spec))).append(" \\- ")
                .append(escape(firstLine(spec.usageMessage().description()))).append('\n');
        b.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis(cl))).append(".fi\n");
        b.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            b.append(escape(line)).append("\n.PP\n");
        }
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        if (!options.isEmpty()) {
            b.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                b.append(".TP\n").append(optionHead(o)).append('\n')
                        .append(escape(String.join(" ", o.description()))).append('\n');
            }
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                b.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                        .append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        Map<String, CommandLine> subs = cl.getSubcommands();
        if (!subs.isEmpty()) {
            b.append(".SH COMMANDS\n");
            subs.forEach((name, sub) -> b.append(".TP\n\\fB").append(escape(name)).append("\\fR\n")
                    .append(escape(firstLine(sub.getCommandSpec().usageMessage().description())))
                    .append(" See \\fB").append(escape(pageName(sub.getCommandSpec()))).append("\\fR(1).\n"));
        }
        if (spec.parent() == null) {
            b.append(".SH EXIT STATUS\n")
                    .append("0 done; 1 the card refused; 2 usage error or bad input, nothing sent; ")
                    .append("3 no PC/SC service, reader or card; 4 refused by the brick guard.\n");
        }
        b.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) {
            see.add("\\fB" + escape(pageName(spec.parent())) + "\\fR(1)");
        }
        see.add("\\fBsc-hsm-tool\\fR(1)");
        see.add("\\fBpkcs11-tool\\fR(1)");
        b.append(String.join(", ", see)).append('\n');
        return b.toString();
    }

    private static String synopsis(CommandLine cl) {
        CommandLine.Help help = new CommandLine.Help(cl.getCommandSpec(), CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return help.synopsis(0).stripTrailing() + "\n";
    }

    private static String optionHead(OptionSpec o) {
        StringBuilder b = new StringBuilder();
        String[] names = o.names();
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append("\\fB").append(escape(names[i])).append("\\fR");
        }
        if (o.arity().max() > 0) {
            b.append(o.arity().min() == 0 ? "[=" : "=").append("\\fI").append(escape(o.paramLabel())).append("\\fR")
                    .append(o.arity().min() == 0 ? "]" : "");
        }
        return b.toString();
    }

    private static String firstLine(String[] description) {
        return description.length == 0 ? "" : description[0];
    }

    /** Troff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
