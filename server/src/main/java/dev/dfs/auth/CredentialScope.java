package dev.dfs.auth;

/**
 * The credential part of a SigV4 signature, {@code AK/20130524/us-east-1/s3/aws4_request}. Any
 * region is accepted (the signature is computed with the region the client used); the service must
 * be {@code s3} and the terminator {@code aws4_request}.
 */
record CredentialScope(String accessKey, String date, String region, String service) {

  /** {@code date/region/service/aws4_request}, as it appears in the string to sign. */
  String scope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }

  /**
   * Parses a credential value.
   *
   * @throws IllegalArgumentException with a message for the client when it is malformed
   */
  static CredentialScope parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the Credential is missing");
    }
    String[] parts = value.split("/", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "the Credential '"
              + value
              + "' is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
    String accessKey = parts[0];
    String date = parts[1];
    String region = parts[2];
    String service = parts[3];
    if (accessKey.isEmpty() || region.isEmpty()) {
      throw new IllegalArgumentException(
          "the Credential '"
              + value
              + "' is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
    if (!AmzDate.isDateStamp(date)) {
      throw new IllegalArgumentException(
          "the credential date \"" + date + "\" is not in the format YYYYMMDD.");
    }
    if (!"s3".equals(service)) {
      throw new IllegalArgumentException(
          "incorrect service \"" + service + "\". This endpoint belongs to \"s3\".");
    }
    if (!"aws4_request".equals(parts[4])) {
      throw new IllegalArgumentException(
          "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".");
    }
    return new CredentialScope(accessKey, date, region, service);
  }
}
