/**
 * Who is calling: AWS Signature Version 4 in headers, presigned URLs and aws-chunked bodies ({@link
 * dev.dfs.auth.SigV4Authenticator}), checked against a {@link dev.dfs.auth.CredentialStore}; the
 * result is a {@link dev.dfs.auth.Principal} and a verified body stream. Knows no HTTP server and
 * no S3 operation.
 */
package dev.dfs.auth;
