package dev.dfs.identity;

import java.util.regex.Pattern;

/** Validation of user names and key ids given from outside. */
final class IdentityNames {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private IdentityNames() {}

  /**
   * @throws IdentityException INVALID unless {@code [A-Za-z0-9._-]{1,64}}
   */
  static String checkUser(String name) {
    if (name == null || !USER.matcher(name).matches()) {
      throw new IdentityException(
          IdentityException.Reason.INVALID,
          "A user name is 1 to 64 characters of A-Z a-z 0-9 . _ - (got '" + name + "').");
    }
    return name;
  }
}
