package dev.rerank4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The dotted-key overrides that follow a config file on the command line ({@code train}, {@code recipe}). */
final class ConfigOverrides {
    private ConfigOverrides() {}

    /**
     * {@code --key value} and {@code --key=value} pairs, in order (a later one wins).
     *
     * @param command the command, for its usage errors
     * @param args the unmatched arguments
     * @param what what a value overrides, e.g. {@code a config value}
     * @param example an example value for the "needs a value" message
     */
    static Map<String, String> parse(CommandLine command, List<String> args, String what, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new CommandLine.ParameterException(
                        command, "expected --name value to override " + what + ", got '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                out.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                out.put(a.substring(2), args.get(++i));
            } else {
                throw new CommandLine.ParameterException(
                        command, "option '" + a + "' needs a value (e.g. " + a + " " + example + ")");
            }
        }
        return out;
    }
}
