// Test clusters, silo processes and the storage-work counter share one machine and one Azurite: run one collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
