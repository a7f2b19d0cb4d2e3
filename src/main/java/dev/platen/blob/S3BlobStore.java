package dev.platen.blob;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * PDFs in an S3-compatible bucket. Configured for the widest compatibility (path-style addressing, no chunked
 * uploads, checksums only when required): S3-compatible servers differ exactly there, and these settings were
 * also measured to be faster against s3proxy.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  private final S3Client s3;
  private final String bucket;

  public S3BlobStore(String endpoint, String region, String bucket, String accessKey, String secretKey) {
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    if (endpoint != null) b.endpointOverride(URI.create(endpoint));
    this.s3 = b.build();
    this.bucket = bucket;
  }

  /** Fails fast at start-up when the bucket is missing or the credentials are refused. */
  public void verifyBucket() throws IOException {
    try {
      s3.headBucket(r -> r.bucket(bucket));
    } catch (SdkException e) {
      throw new IOException("bucket '" + bucket + "' is not reachable: " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/pdf").contentLength((long) bytes.length),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new IOException("S3 upload of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException(key);
    } catch (SdkException e) {
      throw new IOException("S3 download of " + key + " failed: " + e.getMessage(), e);
    }
  }

  /** One ranged GET: a Range request for a large PDF does not fetch the whole object. */
  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    if (length == 0) return new byte[0];
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key).range(range))) {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) throw new java.io.EOFException(key + " is shorter than " + (offset + length));
      return bytes;
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException(key);
    } catch (SdkException e) {
      throw new IOException("S3 download of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      return -1;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return -1;
      throw new IOException("S3 lookup of " + key + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("S3 lookup of " + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
