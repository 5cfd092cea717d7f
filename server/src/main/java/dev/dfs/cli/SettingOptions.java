package dev.dfs.cli;

import dev.dfs.server.config.ConfigKey;
import dev.dfs.server.config.ConfigKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code dfs server}, generated from {@link ConfigKeys#ALL} so that a setting's
 * flag, default and description are written once, in its {@link ConfigKey}: each key with a flag
 * becomes an option whose help names its environment variable and default; the keys without a flag
 * (secrets, which would show in the process list, and rarer settings) are listed in the help's
 * footer with theirs. Values stay raw strings here: {@link dev.dfs.server.config.ConfigSources}
 * parses them with the environment and {@code .env}, so a bad flag fails with the same one-line
 * message as a bad variable. Stateless.
 */
final class SettingOptions {
  private SettingOptions() {}

  /** Adds one option per flagged key and the footer of the others to {@code spec}. */
  static void addTo(CommandSpec spec) {
    List<String> footer =
        new ArrayList<>(
            List.of(
                "",
                "Settings without a flag"
                    + " (environment or .env; see the README's configuration table):"));
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (key.flag() == null) {
        footer.add(escaped("  " + key.name() + "  " + key.description() + defaultText(key) + "."));
        continue;
      }
      spec.addOption(
          OptionSpec.builder(key.flag())
              .type(String.class)
              .paramLabel("<" + key.name() + ">")
              .description(escaped(key.description() + " (" + key.name() + defaultText(key) + ")."))
              .build());
    }
    spec.usageMessage().footer(footer.toArray(String[]::new));
  }

  /** Help text is a format string to picocli: a literal '%' (as in "1% of the volume") doubles. */
  private static String escaped(String text) {
    return text.replace("%", "%%");
  }

  private static String defaultText(ConfigKey<?> key) {
    if (key.defaultValue() == null) return "";
    return key.defaultValue().isEmpty() ? ", default empty" : ", default " + key.defaultValue();
  }

  /** The flags given on the command line, by key name (e.g. {@code API_PORT}). */
  static Map<String, String> given(CommandSpec spec) {
    Map<String, String> out = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (key.flag() == null) continue;
      String value = spec.findOption(key.flag()).getValue();
      if (value != null) out.put(key.name(), value);
    }
    return out;
  }
}
