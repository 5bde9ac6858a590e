#!/usr/bin/env node
// The `impact` command. Node 22.1+ keeps the compiled code of every module between runs
// (module.enableCompileCache: in the system temp folder, or NODE_COMPILE_CACHE; off with
// NODE_DISABLE_COMPILE_CACHE=1), so a run after the first skips compiling impactkit and its
// dependencies. Node 20 has no such cache and compiles them on every run. The command is imported
// after the cache is on: a static import would be compiled before this line runs.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/src/cli.js');
