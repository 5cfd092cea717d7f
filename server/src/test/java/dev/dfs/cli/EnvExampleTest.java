package dev.dfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.server.config.ConfigKey;
import dev.dfs.server.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** .env.example shows every setting {@code dfs server} reads (set or commented out). */
class EnvExampleTest {
  @Test
  void listsEverySetting() throws Exception {
    String example = Files.readString(Path.of("..", ".env.example"));
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(example).as(key.name()).containsPattern("(?m)^(# )?" + key.name() + "=");
    }
    assertThat(example).containsPattern("(?m)^(# )?DFS_LOG_LEVEL=");
  }
}
