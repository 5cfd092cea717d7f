package dev.dfs.store;

import java.util.List;

/** A page of ListParts: parts after the marker in ascending number. */
public record PartsPage(
    UploadInfo upload, List<PartInfo> parts, boolean truncated, int nextPartNumberMarker) {
  public PartsPage {
    parts = List.copyOf(parts);
  }
}
