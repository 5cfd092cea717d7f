/**
 * S3 access control lists and Object Ownership: grants, canned ACLs, the stored documents of a
 * bucket and its objects, Block Public Access settings, and the grant source the authorizer
 * consults.
 */
package dev.dfs.authz.acl;
