package dev.dfs.store.local;

import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import java.io.IOException;
import java.util.List;

/** ListMultipartUploads (not implemented yet in this cut: always empty). */
final class UploadLister {
  private UploadLister() {}

  static UploadsPage list(MetaDb db, String bucket, UploadsQuery q) throws IOException {
    return new UploadsPage(List.of(), List.of(), false, null, null);
  }
}
