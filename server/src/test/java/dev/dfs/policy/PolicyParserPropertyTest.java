package dev.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.authz.Decision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client sends as a policy, parsing either succeeds or reports MalformedPolicy (the
 * server never answers 500), and what parses evaluates without failing.
 */
class PolicyParserPropertyTest {
  static final String VALID =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Principal":{"AWS":["bob","arn:aws:iam::1:user/x"]},
       "Action":["s3:Get*","s3:ListBucket"],"Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/${aws:username}/*"],
       "Condition":{"ForAnyValue:StringLikeIfExists":{"s3:prefix":["a*",1,true]},"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"},
       "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"NumericGreaterThan":{"s3:max-keys":"5"}}},
       {"Effect":"Deny","NotPrincipal":"*","NotAction":"s3:*","NotResource":"arn:aws:s3:::photos/*"}]}""";

  @Provide
  Arbitrary<String> mutated() {
    return Arbitraries.integers()
        .between(0, VALID.length() - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            cuts ->
                Arbitraries.strings()
                    .withChars("{}[]\":,*?$ab/\\0-")
                    .ofMaxLength(6)
                    .map(
                        insert -> {
                          StringBuilder b = new StringBuilder(VALID);
                          for (int cut : cuts) {
                            int at = Math.min(cut, b.length());
                            b.replace(at, Math.min(b.length(), at + insert.length() + 1), insert);
                          }
                          return b.toString();
                        }));
  }

  @net.jqwik.api.Example
  void theSeedDocumentIsValid() {
    assertThat(PolicyParser.parseBucketPolicy(VALID, "photos").statements()).hasSize(2);
  }

  @Property(tries = 400)
  void mutatedDocumentsParseOrAreMalformed(@ForAll("mutated") String json) throws Exception {
    check(json);
  }

  @Property(tries = 200)
  void arbitraryTextParsesOrIsMalformed(@ForAll String json) throws Exception {
    check(json);
  }

  private static void check(String json) throws Exception {
    Policy p;
    try {
      p = PolicyParser.parseBucketPolicy(json, "photos");
    } catch (MalformedPolicyException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    Decision d = PolicyEvaluator.evaluate(p, Requests.req().query("prefix", "a/").build());
    assertThat(d).isNotNull();
    PolicyStatus.isPublic(p);
  }
}
