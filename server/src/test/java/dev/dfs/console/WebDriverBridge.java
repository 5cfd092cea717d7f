package dev.dfs.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * The W3C WebDriver HTTP protocol in front of a {@link Marionette} connection, the job geckodriver
 * does (test scope; Debian and Maven Central have no geckodriver): Selenium's RemoteWebDriver talks
 * to {@link #uri()} and each route becomes the Marionette command of the same meaning. Path
 * parameters become the command's parameters under Marionette's names ({@code id} for the element,
 * {@code element} for the element searched from, {@code name}, {@code propertyName}), merged with
 * the request's JSON body. Serves one session on 127.0.0.1 at a free port.
 */
final class WebDriverBridge implements AutoCloseable {
  private static final Json JSON = new Json();
  private static final String S = "/session/:s";

  private record Route(String method, String[] path, String command, Map<String, Object> fixed) {
    Route(String method, String path, String command, Map<String, Object> fixed) {
      this(method, path.substring(1).split("/"), command, fixed);
    }

    Route(String method, String path, String command) {
      this(method, path, command, Map.of());
    }

    /** The path parameters if this route serves the request, else null. */
    Map<String, Object> match(String requestMethod, String[] parts) {
      if (!method.equals(requestMethod) || parts.length != path.length) return null;
      Map<String, Object> params = new HashMap<>(fixed);
      for (int i = 0; i < parts.length; i++) {
        if (path[i].startsWith(":")) {
          params.put(path[i].substring(1), parts[i]);
        } else if (!path[i].equals(parts[i])) {
          return null;
        }
      }
      params.remove("s");
      return params;
    }
  }

  private static final List<Route> ROUTES =
      List.of(
          new Route("DELETE", S, "WebDriver:DeleteSession"),
          new Route("GET", S + "/timeouts", "WebDriver:GetTimeouts"),
          new Route("POST", S + "/timeouts", "WebDriver:SetTimeouts"),
          new Route("POST", S + "/url", "WebDriver:Navigate"),
          new Route("GET", S + "/url", "WebDriver:GetCurrentURL"),
          new Route("POST", S + "/back", "WebDriver:Back"),
          new Route("POST", S + "/forward", "WebDriver:Forward"),
          new Route("POST", S + "/refresh", "WebDriver:Refresh"),
          new Route("GET", S + "/title", "WebDriver:GetTitle"),
          new Route("GET", S + "/source", "WebDriver:GetPageSource"),
          new Route("GET", S + "/window", "WebDriver:GetWindowHandle"),
          new Route("POST", S + "/window", "WebDriver:SwitchToWindow"),
          new Route("GET", S + "/window/handles", "WebDriver:GetWindowHandles"),
          new Route("GET", S + "/window/rect", "WebDriver:GetWindowRect"),
          new Route("POST", S + "/window/rect", "WebDriver:SetWindowRect"),
          new Route("POST", S + "/element", "WebDriver:FindElement"),
          new Route("POST", S + "/elements", "WebDriver:FindElements"),
          new Route("GET", S + "/element/active", "WebDriver:GetActiveElement"),
          new Route("POST", S + "/element/:element/element", "WebDriver:FindElement"),
          new Route("POST", S + "/element/:element/elements", "WebDriver:FindElements"),
          new Route("GET", S + "/element/:id/selected", "WebDriver:IsElementSelected"),
          new Route("GET", S + "/element/:id/enabled", "WebDriver:IsElementEnabled"),
          new Route("GET", S + "/element/:id/displayed", "WebDriver:IsElementDisplayed"),
          new Route("GET", S + "/element/:id/attribute/:name", "WebDriver:GetElementAttribute"),
          new Route("GET", S + "/element/:id/property/:name", "WebDriver:GetElementProperty"),
          new Route("GET", S + "/element/:id/css/:propertyName", "WebDriver:GetElementCSSValue"),
          new Route("GET", S + "/element/:id/text", "WebDriver:GetElementText"),
          new Route("GET", S + "/element/:id/name", "WebDriver:GetElementTagName"),
          new Route("GET", S + "/element/:id/rect", "WebDriver:GetElementRect"),
          new Route("POST", S + "/element/:id/click", "WebDriver:ElementClick"),
          new Route("POST", S + "/element/:id/clear", "WebDriver:ElementClear"),
          new Route("POST", S + "/element/:id/value", "WebDriver:ElementSendKeys"),
          new Route(
              "GET",
              S + "/element/:id/screenshot",
              "WebDriver:TakeScreenshot",
              Map.of("full", false)),
          new Route("GET", S + "/screenshot", "WebDriver:TakeScreenshot", Map.of("full", false)),
          new Route("POST", S + "/execute/sync", "WebDriver:ExecuteScript"),
          new Route("POST", S + "/execute/async", "WebDriver:ExecuteAsyncScript"),
          new Route("GET", S + "/cookie", "WebDriver:GetCookies"),
          new Route("POST", S + "/cookie", "WebDriver:AddCookie"),
          new Route("DELETE", S + "/cookie", "WebDriver:DeleteAllCookies"),
          new Route("DELETE", S + "/cookie/:name", "WebDriver:DeleteCookie"),
          new Route("POST", S + "/actions", "WebDriver:PerformActions"),
          new Route("DELETE", S + "/actions", "WebDriver:ReleaseActions"));

  private final Marionette marionette;
  private final HttpServer http;

  /** Starts serving; the bridge owns neither the connection nor the browser. */
  WebDriverBridge(Marionette marionette) throws IOException {
    this.marionette = marionette;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Where Selenium's RemoteWebDriver connects. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String[] parts = exchange.getRequestURI().getPath().substring(1).split("/");
      int status = 200;
      Object answer;
      try {
        answer = answer(exchange.getRequestMethod(), parts, body);
      } catch (Marionette.Failure f) {
        status = status(f.error.get("error").toString());
        answer = f.error;
      }
      Map<String, Object> envelope = new HashMap<>();
      envelope.put("value", answer);
      byte[] out = JSON.toJson(envelope).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
    }
  }

  /** The HTTP status W3C WebDriver gives an error code (Selenium reads the code itself). */
  private static int status(String error) {
    if (error.startsWith("no such") || error.equals("unknown command")) return 404;
    return error.equals("invalid argument") ? 400 : 500;
  }

  private Object answer(String method, String[] parts, String body) throws IOException {
    Map<String, Object> params = new HashMap<>();
    if (!body.isBlank()) params.putAll(JSON.toType(body, Json.MAP_TYPE));
    if (method.equals("POST") && parts.length == 1 && parts[0].equals("session")) {
      return marionette.call("WebDriver:NewSession", capabilities(params));
    }
    for (Route route : ROUTES) {
      Map<String, Object> path = route.match(method, parts);
      if (path != null) {
        params.putAll(path);
        return unwrap(marionette.call(route.command(), params));
      }
    }
    throw new Marionette.Failure(
        method + " " + String.join("/", parts),
        Map.of("error", "unknown command", "message", "the bridge has no route for it"));
  }

  /**
   * Marionette takes the W3C capabilities flattened: alwaysMatch merged with the first firstMatch
   * entry, without other vendors' extension keys.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> capabilities(Map<String, Object> request) {
    Map<String, Object> w3c = (Map<String, Object>) request.getOrDefault("capabilities", Map.of());
    Map<String, Object> flat =
        new HashMap<>((Map<String, Object>) w3c.getOrDefault("alwaysMatch", Map.of()));
    List<Map<String, Object>> first =
        (List<Map<String, Object>>) w3c.getOrDefault("firstMatch", List.of());
    if (!first.isEmpty()) flat.putAll(first.get(0));
    flat.keySet().removeIf(k -> k.contains(":") && !k.startsWith("moz:"));
    flat.remove("browserName");
    return flat;
  }

  /** Most answers come as {@code {value: x}}; a few (lists, rectangles) come bare. */
  private static Object unwrap(Object result) {
    if (result instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("value")) {
      return m.get("value");
    }
    return result instanceof Map<?, ?> m && m.isEmpty() ? null : result;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
