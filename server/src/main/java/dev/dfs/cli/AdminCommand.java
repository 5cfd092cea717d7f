package dev.dfs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dfs admin}: the server's state, buckets and quotas, shared links, users, access keys and
 * API keys, and a cluster's status, through a running server's management API or, with {@code
 * --offline}, the identity database of a stopped server's data directory. Exit codes: 0 done, 1
 * refused or failed (one line on standard error), 2 bad usage.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show the server; manage buckets and their quotas, share objects; manage"
          + " users, access keys and API keys; show a cluster's status.",
      "Online (the default) it talks to the server at --endpoint (DFS_ENDPOINT, default"
          + " http://127.0.0.1:5555) with an admin API key (--api-key, DFS_API_KEY, or root's"
          + " from --data-dir).",
      "Offline (--offline --data-dir DIR) it changes a stopped server's identity database.",
      "Options (--endpoint, --json, --ca-bundle, --insecure, …) may come before or after the"
          + " subcommand. Every subcommand has --help. Exit codes: 0 done, 1 refused or failed,"
          + " 2 bad usage."
    },
    footer = {
      "",
      "Examples:",
      "  dfs admin info",
      "  dfs admin bucket create media",
      "  dfs admin bucket quota media --max-bytes 10GiB --max-objects 100000",
      "  dfs admin bucket list --json",
      "  dfs admin share s3://media/report.pdf --expires 1h",
      "  dfs admin user add alice",
      "  dfs admin key create alice",
      "  dfs admin key disable DFSU…",
      "  dfs admin user policy alice policy.json",
      "  dfs admin user list --json",
      "  dfs admin cluster status",
      "  dfs admin backup /backups/dfs-2026-12-04",
      "  dfs admin tier add cold --type directory --path /mnt/slow --class STANDARD_IA",
      "  dfs admin user add bob --offline --data-dir ./data"
    },
    subcommands = {
      AdminInfoCommand.class,
      AdminBucketCommand.class,
      AdminShareCommand.class,
      AdminUserCommand.class,
      AdminKeyCommand.class,
      AdminApiKeyCommand.class,
      AdminClusterCommand.class,
      AdminKmsCommand.class,
      AdminBackupCommand.class,
      AdminTierCommand.class,
      CommandLine.HelpCommand.class
    })
final class AdminCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
