/**
 * Recording fakes of every port, for tests here and in other modules (aspen-core's test-jar):
 * they answer as a test scripts them and remember what they were asked, so tests can pin what a
 * pass did ("no decryption for an unchanged app", "tags fetched once per repository").
 */
package se.kth.aspen.core.fake;
