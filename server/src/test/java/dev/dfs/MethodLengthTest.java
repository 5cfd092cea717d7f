package dev.dfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No method in main code is longer than {@value #MAX_LINES} lines, counted from its declaration to
 * its closing brace (javac's parser reads the sources; nothing is compiled). No exceptions: the
 * last two longer ones (ClusterNode.start, DfsServer's constructor) were split.
 */
class MethodLengthTest {
  static final int MAX_LINES = 60;
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void noMainMethodIsLongerThanTheLimit() throws IOException {
    assertThat(longMethods()).as("methods over %d lines (split them)", MAX_LINES).isEmpty();
  }

  @Test
  void theScanSeesALongMethod() throws IOException {
    Path dir = Files.createTempDirectory("method-length");
    StringBuilder body = new StringBuilder("class Long {\n  void run() {\n");
    for (int i = 0; i < MAX_LINES; i++)
      body.append("    System.out.println(").append(i).append(");\n");
    body.append("  }\n  void shortOne() {\n  }\n}\n");
    Path file = Files.writeString(dir.resolve("Long.java"), body);
    assertThat(scan(List.of(file))).containsExactly("Long.java:Long.run");
  }

  private static Set<String> longMethods() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(MAIN)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    return scan(files);
  }

  /** The methods longer than the limit in {@code files}, as file:Class.method. */
  private static Set<String> scan(List<Path> files) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Set<String> out = new TreeSet<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fm,
                  null,
                  List.of("-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
        new TreePathScanner<Void, Void>() {
          private final List<String> classes = new ArrayList<>();

          @Override
          public Void visitClass(ClassTree c, Void v) {
            classes.add(c.getSimpleName().toString());
            try {
              return super.visitClass(c, null);
            } finally {
              classes.remove(classes.size() - 1);
            }
          }

          @Override
          public Void visitMethod(MethodTree m, Void v) {
            long start = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, m));
            long end = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, m));
            if (m.getBody() != null && end - start + 1 > MAX_LINES) {
              String owner = classes.isEmpty() ? "?" : classes.get(classes.size() - 1);
              out.add(file + ":" + owner + "." + m.getName());
            }
            return super.visitMethod(m, null);
          }
        }.scan(unit, null);
      }
    }
    return out;
  }
}
