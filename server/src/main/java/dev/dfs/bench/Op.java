package dev.dfs.bench;

import java.util.Locale;

/** One kind of S3 request the benchmark issues and reports on separately. */
public enum Op {
  PUT("put"),
  GET("get"),
  STAT("stat"),
  DELETE("delete"),
  LIST("list"),
  /** A whole multipart upload: create, every part, complete. */
  MULTIPART("multipart"),
  /** A single UploadPart inside a multipart upload. */
  UPLOAD_PART("upload-part");

  private final String label;

  Op(String label) {
    this.label = label;
  }

  /** The lower-case name used in tables, JSON and {@code --mix}. */
  public String label() {
    return label;
  }

  /** Parses a label ({@code get}, {@code upload-part}, …) case-insensitively. */
  public static Op fromLabel(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Op op : values()) {
      if (op.label.equals(t)) return op;
    }
    throw new IllegalArgumentException("unknown operation '" + text + "'");
  }
}
