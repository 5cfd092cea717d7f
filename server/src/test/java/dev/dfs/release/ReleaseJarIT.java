package dev.dfs.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as an operator gets it: {@code dfs-<version>.jar} and the {@code ./dfs} launcher in a
 * directory without sources, run with a Java runtime that has no {@code javac} and no Maven on the
 * path. The launcher must run the jar as it is (never try to build), and {@code --version} must
 * name the version and the commit.
 */
class ReleaseJarIT {
  private static final Path JAR = Path.of(System.getProperty("dfs.jar", "target/dfs.jar"));
  private static final Path LAUNCHER = Path.of(System.getProperty("dfs.launcher", "../dfs"));
  private static final String VERSION = System.getProperty("dfs.version", "unknown");

  @Test
  void releaseDirectoryRunsWithAJreOnly(@TempDir Path tmp) throws Exception {
    Path release = Files.createDirectories(tmp.resolve("dfs-" + VERSION));
    Files.copy(JAR, release.resolve(JAR.getFileName()));
    Files.copy(LAUNCHER, release.resolve("dfs"), StandardCopyOption.COPY_ATTRIBUTES);
    Path jre = jreOnly(tmp.resolve("jre"));

    Result version = run(release, jre, "--version");
    assertThat(version.exit).as(version.output).isZero();
    assertThat(version.output)
        .containsPattern(
            "dfs " + Pattern.quote(VERSION) + " \\(commit ([0-9a-f]{10}|unknown), Java \\d+");
    assertThat(version.output).doesNotContain("building");

    Result help = run(release, jre, "server", "--help");
    assertThat(help.exit).as(help.output).isZero();
    assertThat(help.output).contains("--data-dir");
    try (var files = Files.list(release)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("nothing built beside the release")
          .noneMatch(n -> n.equals("server") || n.equals("target"));
    }
  }

  @Test
  void noticeNamesEveryBundledLibrary() throws IOException {
    String notice = Files.readString(Path.of("..", "NOTICE"));
    Set<String> bundled = new TreeSet<>();
    Pattern pom = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      jar.stream()
          .forEach(
              e -> {
                Matcher m = pom.matcher(e.getName());
                if (m.matches() && !m.group(1).equals("dev.dfs"))
                  bundled.add(m.group(1) + ":" + m.group(2));
              });
    }
    assertThat(bundled)
        .contains("org.eclipse.jetty:jetty-server", "com.fasterxml.jackson.core:jackson-core");
    assertThat(bundled).allSatisfy(ga -> assertThat(notice).contains("- " + ga + ":"));
  }

  /** A directory whose bin/ holds only {@code java} (a link to this JVM's): a JRE look-alike. */
  private static Path jreOnly(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    Files.createSymbolicLink(bin.resolve("java"), java);
    return dir;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path release, Path jre, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(release.resolve("dfs").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(release.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", jre.resolve("bin") + ":/usr/bin:/bin");
    env.put("JAVA_HOME", jre.toString());
    env.put("HOME", release.getParent().toString());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
