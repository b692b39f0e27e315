/**
 * The cluster directory: which Swarm clusters exist and where their engines answer, read from
 * the organisation's cluster status API ({@code CLUSTER_STATUS_API_URL}) or a JSON file in the
 * same format ({@code CLUSTER_STATUS_URL_IS_FILE}).
 *
 * <p>{@link se.kth.aspen.swarm.cluster.ClusterStatusDirectory} is the only public type. {@code
 * StatusApi} and {@code StatusFile} fetch the document, {@code ClusterStatusParser} turns it into
 * clusters, accepting both field spellings in use and setting aside bad entries with a
 * reason instead of failing the whole list.
 */
package se.kth.aspen.swarm.cluster;
