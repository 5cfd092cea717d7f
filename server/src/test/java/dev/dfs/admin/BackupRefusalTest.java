package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/backup} on a server whose engine is not the local one (a store calling itself
 * cluster or gateway, so the server wires no backup source, as {@code dfs server} does) answers 501
 * NotImplemented saying what to do instead, and 401 without a credential.
 */
class BackupRefusalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectStore calling(String engine, ObjectStore store) {
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("engineName")) return engine;
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"cluster, aws s3 sync", "gateway, back up the upstream"})
  void otherEnginesRefuseSayingWhatToDoInstead(String engine, String advice, @TempDir Path dir)
      throws Exception {
    try (DfsTestServer server = DfsTestServer.start(calling(engine, LocalStore.open(dir)));
        HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create(server.endpoint() + "/api/v1/backup");
      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(uri).header("X-Api-Key", DfsTestServer.API_KEY).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(501);
      JsonNode body = JSON.readTree(refused.body());
      assertThat(body.get("code").asText()).isEqualTo("NotImplemented");
      assertThat(body.get("message").asText()).contains(advice);
    }
  }
}
