package dev.dfs.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets the options every {@code dfs admin} command shares ({@link AdminOptions}) come before the
 * subcommand too, as in {@code dfs admin --json bucket list} or {@code dfs admin --endpoint URL
 * user add bob}: picocli only takes an option on the command that declares it (the leaf), so such
 * options (with their values) are moved behind the subcommand path before parsing. Anything else is
 * left where it is. Pure.
 */
final class AdminArgs {
  private static final Map<String, OptionSpec> SHARED = new HashMap<>();

  static {
    for (OptionSpec o : CommandSpec.forAnnotatedObject(new AdminOptions()).options()) {
      for (String name : o.names()) SHARED.put(name, o);
    }
  }

  private AdminArgs() {}

  /** {@code args} with shared admin options given before the leaf command moved behind it. */
  static String[] reorder(CommandLine root, String[] args) {
    if (args.length == 0 || !"admin".equals(args[0])) return args;
    List<String> path = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    CommandLine current = root;
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      CommandLine sub = current.getSubcommands().get(a);
      if (sub != null) {
        path.add(a);
        current = sub;
        continue;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      OptionSpec shared = SHARED.get(name);
      if (shared == null || current.getCommandSpec().findOption(name) != null) break;
      moved.add(a);
      if (!a.contains("=") && shared.arity().min() > 0 && i + 1 < args.length) moved.add(args[++i]);
    }
    List<String> rest = new ArrayList<>(List.of(args).subList(i, args.length));
    int end = rest.indexOf("--");
    rest.addAll(end < 0 ? rest.size() : end, moved);
    path.addAll(rest);
    return path.toArray(String[]::new);
  }
}
