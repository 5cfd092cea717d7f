package dev.dfs.store;

import java.util.List;

/** A page of ListMultipartUploads. The next markers are set when truncated. */
public record UploadsPage(
    List<UploadInfo> uploads,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextUploadIdMarker) {
  public UploadsPage {
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
