package dev.dfs.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The live status line on stderr: rewritten in place with {@code \r} on a terminal, one line per
 * update otherwise (logs, CI), or nothing at all.
 */
final class Progress {
  /** How {@code --progress} shows status. */
  enum Style {
    AUTO,
    TTY,
    PLAIN,
    NONE
  }

  private final PrintStream out;
  private final Style style;
  private int lastLength;

  Progress(PrintStream out, Style style) {
    this.out = out;
    this.style = style == Style.AUTO ? (stderrIsTerminal() ? Style.TTY : Style.PLAIN) : style;
  }

  Style style() {
    return style;
  }

  /** Shows {@code text} as the current status. */
  synchronized void update(String text) {
    switch (style) {
      case TTY -> {
        StringBuilder b = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < lastLength; i++) b.append(' ');
        out.print(b);
        out.flush();
        lastLength = text.length();
      }
      case PLAIN -> out.println(text);
      default -> {}
    }
  }

  /** Ends the current status line so the next output starts on a fresh line. */
  synchronized void done() {
    if (style == Style.TTY && lastLength > 0) {
      out.println();
      lastLength = 0;
    }
  }

  /** A one-off message (bucket created, prefill done, …); shown with every style. */
  synchronized void message(String text) {
    done();
    out.println(text);
  }

  /**
   * Whether file descriptor 2 is a terminal. Linux answers through /proc; elsewhere fall back on
   * {@link System#console()}, which only knows about stdin/stdout.
   */
  // On JDK 21 (the oldest supported) System.console() is null without a terminal
  @SuppressWarnings("SystemConsoleNull")
  static boolean stderrIsTerminal() {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
      String t = target.toString();
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
    } catch (Exception notLinux) {
      return System.console() != null && System.getenv("TERM") != null;
    }
  }
}
