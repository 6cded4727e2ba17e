package org.schsm.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schsm.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The record's line format, and that the comparison behind the build step notices a changed record. */
class ModelRecordTest {

    private static CommandSpec annotated(String name) {
        return Main.annotatedTree().getSubcommands().get(name).getCommandSpec();
    }

    /** The command read from its annotations on its own, outside the tree (no inherited options). */
    private static CommandSpec fresh(String name) {
        return CommandSpec.forAnnotatedObject(annotated(name).userObject().getClass());
    }

    private static String dump(CommandSpec spec) {
        CommandLine holder = new CommandLine(CommandSpec.create().name("schsm"));
        holder.addSubcommand(spec.name(), spec);
        return SpecDump.of(holder);
    }

    @Test
    void aRecordRebuildsItsCommand() throws ReflectiveOperationException {
        String text = ModelWriter.text(annotated("pin"), true);
        assertEquals(dump(fresh("pin")), dump(CommandModels.fromText(text)));
    }

    @Test
    void aChangedRecordIsNoticed() throws ReflectiveOperationException {
        String text = ModelWriter.text(annotated("status"), true);
        assertTrue(text.contains("Print the status as JSON."), text);
        CommandSpec changed = CommandModels.fromText(text.replace("as JSON.", "as XML."));
        assertEquals(dump(fresh("status")), dump(CommandModels.fromText(text)));
        assertNotEquals(dump(fresh("status")), dump(changed));
        CommandSpec arityChanged = CommandModels.fromText(text.replace("arity=5\u001f0\u001f0", "arity=5\u001f0\u001f1"));
        assertNotEquals(dump(fresh("status")), dump(arityChanged));
    }

    @Test
    void aRecordNamingAFieldTheClassLacksIsRefused() {
        String text = ModelWriter.text(annotated("status"), true).replace("StatusCommand#json", "StatusCommand#xml");
        assertThrows(NoSuchFieldException.class, () -> CommandModels.fromText(text));
        assertNull(CommandModels.command("no-such-command"), "no record: the caller reads the annotations");
    }

    /** A command with a picocli feature the record cannot rebuild. */
    @CommandLine.Command(name = "grouped")
    static final class Grouped {
        static final class Choice {
            @CommandLine.Option(names = "--a")
            boolean a;
        }

        @CommandLine.ArgGroup(exclusive = true)
        Choice choice;
    }

    @Test
    void theWriterRefusesWhatTheRecordCannotRebuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelWriter.text(CommandSpec.forAnnotatedObject(new Grouped()), true));
        assertTrue(e.getMessage().contains("arg groups"), e.getMessage());
    }

    @Test
    void textsKeepTabsLineEndsEmptyItemsAndNull() {
        String[] items = {"", "a\tb", "line\nend", "back\\slash", "unit\u001fsep"};
        assertArrayEquals(items, ModelText.decodeList(ModelText.encodeList(items)));
        assertArrayEquals(new String[0], ModelText.decodeList(ModelText.encodeList()));
        assertArrayEquals(new String[] {""}, ModelText.decodeList(ModelText.encodeList("")));
        assertNull(ModelText.unescape(ModelText.escape(null)));
        assertEquals("\\0", ModelText.unescape(ModelText.escape("\\0")));
    }
}
