package shard

// Select returns the shard K of N a run is, from the command line's
// --shard K/N (spec, "" when not given) and --shards N (shards, when
// shardsGiven), and when only --shards is given from the scheduler's
// environment (FromEnv). sharded is false when neither is given. Errors are
// *UsageError naming the flag or the environment variable.
func Select(spec string, shards int, shardsGiven bool) (k, n int, sharded bool, err error) {
	if spec != "" {
		k, n, err := Parse(spec)
		if err != nil {
			return 0, 0, false, usagef("--shard %v", err)
		}
		if shardsGiven && shards != n {
			return 0, 0, false, usagef("--shard %s and --shards %d disagree on the number of shards", spec, shards)
		}
		return k, n, true, nil
	}
	if !shardsGiven {
		return 0, 0, false, nil
	}
	if shards < 1 || shards > MaxShards {
		return 0, 0, false, usagef("--shards must be in 1..%d, got %d", MaxShards, shards)
	}
	k, err = FromEnv(shards)
	return k, shards, err == nil, err
}
