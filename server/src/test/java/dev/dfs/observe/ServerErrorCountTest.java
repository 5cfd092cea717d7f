package dev.dfs.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

/** 501 NotImplemented is a missing feature, not a server fault: it is no 5xx for health. */
class ServerErrorCountTest {
  @Test
  void notImplementedCountsAsAClientErrorOtherFiveHundredsAsServerErrors() {
    S3Metrics metrics = new S3Metrics(new PrometheusRegistry(), Labels.EMPTY);
    OperationMetrics op = metrics.operation("PutBucketWebsite");
    for (int status : new int[] {501, 501, 500, 503, 404, 200}) op.record(status, 1_000, 0, 0);
    S3Metrics.Totals t = metrics.totals();
    assertThat(t.requests()).isEqualTo(6);
    assertThat(t.serverErrors()).isEqualTo(2);
    assertThat(t.clientErrors()).isEqualTo(3);
  }
}
