package dev.dfs.store.gateway;

import dev.dfs.store.EngineBehaviourSuite;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The behaviour suite on DFS in gateway mode in front of s3proxy 4.1.0 with the jclouds filesystem
 * provider, an independent S3 implementation in its own process.
 */
class GatewayOnS3ProxyBehaviourTest extends EngineBehaviourSuite {
  private S3ProxyProcess upstream;

  @Override
  protected DfsTestServer startDfs(Path dir) throws Exception {
    upstream = S3ProxyProcess.start(dir);
    return DfsTestServer.start(
        GatewayStore.open(
            GatewayOptions.of(
                upstream.endpoint(),
                "us-east-1",
                S3ProxyProcess.ACCESS_KEY,
                S3ProxyProcess.SECRET_KEY,
                null,
                true,
                "gw2-",
                "us-east-1")));
  }

  @Override
  protected void stopUpstream() throws Exception {
    if (upstream != null) upstream.close();
  }

  @Override
  protected Map<Gap, String> knownGaps() {
    Map<Gap, String> gaps = new EnumMap<>(Gap.class);
    gaps.put(
        Gap.ADDITIONAL_CHECKSUMS,
        "s3proxy's filesystem store keeps no x-amz-checksum-*"
            + " values (DFS still verifies a claimed checksum on the way in)");
    gaps.put(
        Gap.GET_PART_NUMBER,
        "s3proxy ignores ?partNumber= on HEAD/GET, so part sizes"
            + " are unknown and only part 1 (the whole object) is addressable");
    gaps.put(
        Gap.UPLOAD_ID_CHECKED,
        "s3proxy's filesystem store does not track upload ids:"
            + " parts for an aborted upload and a second abort are accepted");
    gaps.put(
        Gap.OBJECT_TAGGING,
        "s3proxy 4.1.0 answers 501 NotImplemented to ?tagging and to"
            + " x-amz-tagging, which the gateway passes on as NotImplemented (copies without tags"
            + " still work)");
    gaps.put(
        Gap.TAGGING_COUNT,
        "s3proxy keeps no tags; besides, " + GatewayOnDfsBehaviourTest.GATEWAY_TAGGING_COUNT);
    gaps.put(
        Gap.BUCKET_CORS,
        "s3proxy 4.1.0 answers 501 NotImplemented to ?cors; the gateway"
            + " passes that on, and preflights then answer 501 too");
    gaps.put(
        Gap.BUCKET_TAGGING,
        "s3proxy 4.1.0 answers 501 NotImplemented to ?tagging on a"
            + " bucket; the gateway passes that on");
    return gaps;
  }
}
