# DFS container image for those who build with Docker (docker build -t dfs .). The same image
# without a Docker daemon: ./mvnw -Pimage -DskipTests package (Jib, target/jib-image.tar).
#
#   docker run -p 5555:5555 -v dfs-data:/data -e DFS_DEFAULT_BUCKETS=media dfs
#
# Configuration: the same environment variables as `dfs server` (see .env.example).

# --- build: the release jar from the sources (needs Maven Central) ---
FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY server/pom.xml server/pom.xml
COPY microbench/pom.xml microbench/pom.xml
COPY server/src/main server/src/main
# no .git in the build context: the commit is passed in (docker build --build-arg COMMIT=$(git rev-parse --short=10 HEAD))
ARG COMMIT=unknown
RUN ./mvnw -B -q -ntp -pl server -DskipTests -Dmaven.test.skip=true -DbuildNumber="$COMMIT" package \
 && cp server/target/dfs-*.jar /dfs.jar

# --- run: a JRE only, as a non-root user ---
FROM eclipse-temurin:21-jre-noble
# uid 65532 in group 0 (as the Jib image): /data is group-writable, so an arbitrary uid in
# group 0 (OpenShift) works too
RUN useradd --system --uid 65532 --gid 0 --home-dir /data --no-create-home dfs \
 && mkdir -p /data /opt/dfs && chown 65532:0 /data && chmod 775 /data
COPY --from=build /dfs.jar /opt/dfs/dfs.jar
COPY LICENSE NOTICE /opt/dfs/
ENV DFS_DATA_DIR=/data \
    API_HOST=0.0.0.0 \
    API_PORT=5555 \
    DFS_TLS_PORT=5443
USER 65532:0
WORKDIR /data
VOLUME /data
EXPOSE 5555 5443
# liveness from inside the container with bash alone (no curl in the JRE image)
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${API_PORT} && printf 'GET /api/v1/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# java is PID 1 (exec form): SIGTERM reaches it and DFS drains in-flight requests for up to
# DFS_SHUTDOWN_GRACE_SECONDS (30) before exiting; give `docker stop -t` more than that
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=50", "-jar", "/opt/dfs/dfs.jar"]
CMD ["server"]
