package dev.dfs.store.tier;

import java.util.Map;

/**
 * What keeping data in a tier costs, in the operator's currency (the defaults are US dollars, close
 * to AWS S3's list prices in us-east-1): per GiB stored for a month, per 1,000 requests (writes and
 * reads), and per GiB read back (retrieval). Immutable.
 */
public record CostModel(double perGibMonth, double perThousandRequests, double perGibRetrieved) {

  /** What DFS's own disk is assumed to cost, for "all in the top tier" comparisons. */
  public static final CostModel STANDARD = new CostModel(0.023, 0.005, 0);

  private static final Map<String, CostModel> DEFAULTS =
      Map.of(
          "STANDARD_IA", new CostModel(0.0125, 0.01, 0.01),
          "ONEZONE_IA", new CostModel(0.01, 0.01, 0.01),
          "INTELLIGENT_TIERING", new CostModel(0.0125, 0.005, 0),
          "GLACIER_IR", new CostModel(0.004, 0.02, 0.03),
          "GLACIER", new CostModel(0.0036, 0.03, 0.01),
          "DEEP_ARCHIVE", new CostModel(0.00099, 0.05, 0.02));

  public CostModel {
    if (perGibMonth < 0
        || perThousandRequests < 0
        || perGibRetrieved < 0
        || !Double.isFinite(perGibMonth + perThousandRequests + perGibRetrieved)) {
      throw new IllegalArgumentException("costs must be finite numbers of 0 or more");
    }
  }

  /** The default cost of a storage class a tier may serve (STANDARD's for an unknown one). */
  public static CostModel defaultFor(String storageClass) {
    return DEFAULTS.getOrDefault(storageClass, STANDARD);
  }

  /** The monthly cost of storing {@code bytes} bytes. */
  public double monthlyStorage(long bytes) {
    return perGibMonth * bytes / (1024.0 * 1024 * 1024);
  }
}
