package org.schsm.cli;

import picocli.CommandLine.Option;

/** {@code --pin}, the user PIN of every command that logs in: a value, env:VAR, file:PATH, secret:NAME, or a prompt. */
final class UserPinOption {
    @Option(names = "--pin", paramLabel = "PIN", description = "User PIN: value, env:VAR or file:PATH (default: prompt).")
    @org.schsm.Secret
    String value;
}
