function __dooordb_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dooordb_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __dooordb_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dooordb_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __dooordb_parse_tokens -S
    set -l unparsed_tokens (__dooordb_tokens -pc)
    switch $unparsed_tokens[1]
    case 'dooordb'
        __dooordb_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'plan'
            __dooordb_parse_subcommand -r 1 'workspace=+' 'format=' 'max-chars=' 'out=' 'detailed-exitcode' 'max-destroy=' 'target=+' 'replace=+' 'policy=+' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'apply'
            __dooordb_parse_subcommand -r 1 'workspace=+' 'plan=' 'plan-max-age=' 'expect-checksum=' 'auto-approve' 'allow-destroy' 'parallelism=' 'timeout=' 'format=' 'max-destroy=' 'target=+' 'replace=+' 'policy=+' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'drift'
            __dooordb_parse_subcommand -r 1 'workspace=+' 'format=' 'max-chars=' 'policy=+' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'validate'
            __dooordb_parse_subcommand -r 1 'format=' 'policy=+' 'version' 'h/help'
        case 'export'
            __dooordb_parse_subcommand 0 'workspace=' 'out=' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'graph'
            __dooordb_parse_subcommand -r 1 'workspace=+' 'format=' 'offline' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'list'
            __dooordb_parse_subcommand 0 'workspace=' 'engine=' 'status=' 'search=' 'format=' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'get'
            __dooordb_parse_subcommand 1 'workspace=' 'format=' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'connection'
            __dooordb_parse_subcommand 1 'workspace=' 'all' 'format=' 'env-prefix=' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'local'
            __dooordb_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'serve'
                __dooordb_parse_subcommand 0 'host=' 'port=' 'state=' 'engines=' 'max-engines=' 'provision-delay=' 'api-key-file=' 'fail-rate=' 'unavailable-rate=' 'bad-gateway-rate=' 'drop-connection-rate=' 'rate-limit-every=' 'rate-limit-burst=' 'retry-after=' 'latency=' 'error-slugs=' 'error-rate=' 'fault-seed=' 'fault-endpoints=' 'version' 'h/help'
            case 'status'
                __dooordb_parse_subcommand 0 'state=' 'format=' 'version' 'h/help'
            case 'stop'
                __dooordb_parse_subcommand 0 'state=' 'version' 'h/help'
            case 'reset'
                __dooordb_parse_subcommand 0 'state=' 'yes' 'version' 'h/help'
            end
        case 'reconcile'
            __dooordb_parse_subcommand -r 1 'workspace=+' 'policy=+' 'interval=' 'mode=' 'listen=' 'log-format=' 'parallelism=' 'timeout=' 'api-url=' 'api-key-file=' 'allow-open-key-file' 'insecure-http' 'local' 'local-engines=' 'verbose' 'no-color' 'version' 'h/help'
        case 'completion'
            __dooordb_parse_subcommand 1 'version' 'h/help'
        case 'help'
            __dooordb_parse_subcommand -r 1 'version'
        end
    end
end

function __dooordb_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __dooordb_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __dooordb_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __dooordb_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__dooordb_tokens -p)
    if test -z "$(__dooordb_tokens -t)"
        set -l index (count (__dooordb_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'dooordb' -f
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'plan' -d 'Show what apply would change, without changing anything.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'apply' -d 'Make the databases match the manifests, in dependency order.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'drift' -d 'Report what differs between the manifests and the API; never changes anything.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'validate' -d 'Check manifests offline and report every problem with its position.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'export' -d 'Write a manifest declaring a workspace\'s databases as they are (to adopt it).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'graph' -d 'Draw the declared databases and their dependsOn edges (Mermaid or Graphviz).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'list' -d 'List the databases of a workspace.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'get' -d 'Show one database of a workspace, found by its slug.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'connection' -d 'Print a database\'s credentials (the only command that shows a password).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'local' -d 'Run the local Dooor API, with real or simulated databases, and manage its servers.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'reconcile' -d 'Detect drift continuously (and with --mode apply, fix it), with Prometheus metrics.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb plan" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan"' -l 'workspace' -d 'Only this workspace (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" format' -l 'format' -d 'Output format: text, json or markdown.' -rfka 'text json markdown'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" max-chars' -l 'max-chars' -d 'Keep markdown within N characters: field details are left out first, then table rows, and the last line says what was left out.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" out' -l 'out' -d 'Also save the plan for `apply --plan FILE`.' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" detailed-exitcode' -l 'detailed-exitcode' -d 'Exit 2 when the plan has changes, 0 when it has none.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" max-destroy' -l 'max-destroy' -d 'Refuse a plan with more than N deletes and replaces, whatever --allow-destroy says.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan"' -l 'target' -d 'Only this database, and the ones it depends on that must be created first (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan"' -l 'replace' -d 'Replace this database even without a difference (destructive; repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan"' -l 'policy' -d 'A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by \':\').' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb apply" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply"' -l 'workspace' -d 'Only this workspace (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" plan' -l 'plan' -d 'Apply this saved plan (from `plan --out`).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" plan-max-age' -l 'plan-max-age' -d 'With --plan: refuse a saved plan made longer ago than this (e.g. 30m, 1h).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" expect-checksum' -l 'expect-checksum' -d 'With --plan: apply it only if its checksum is this one (as `plan --out` printed it).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" auto-approve' -l 'auto-approve' -d 'Do not ask for confirmation.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" allow-destroy' -l 'allow-destroy' -d 'Allow deleting and replacing databases.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" parallelism' -l 'parallelism' -d 'At most this many changes at a time.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" timeout' -l 'timeout' -d 'How long each database may take, waiting included (e.g. 90s, 20m); each request too (default: 20m).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" format' -l 'format' -d 'Output format of the report: text or json.' -rfka 'text json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" max-destroy' -l 'max-destroy' -d 'Refuse a plan with more than N deletes and replaces, whatever --allow-destroy says.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply"' -l 'target' -d 'Only this database, and the ones it depends on that must be created first (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply"' -l 'replace' -d 'Replace this database even without a difference (destructive; repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply"' -l 'policy' -d 'A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by \':\').' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb drift" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift"' -l 'workspace' -d 'Only this workspace (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" format' -l 'format' -d 'Output format: text, json or markdown.' -rfka 'text json markdown'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" max-chars' -l 'max-chars' -d 'Keep markdown within N characters: field details are left out first, then table rows, and the last line says what was left out.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift"' -l 'policy' -d 'A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by \':\').' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb drift" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb validate" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb validate" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb validate"' -l 'policy' -d 'A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by \':\').' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb validate" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" workspace' -l 'workspace' -d 'The workspace to export.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" out' -l 'out' -d 'Write the manifest to FILE instead of standard output.' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb graph" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph"' -l 'workspace' -d 'Only this workspace (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" format' -l 'format' -d 'Output format: mermaid or dot.' -rfka 'mermaid dot'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" offline' -l 'offline' -d 'Do not call the API: draw the graph without planned actions.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb graph" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" workspace' -l 'workspace' -d 'The workspace to list.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" engine' -l 'engine' -d 'Only databases of this engine.' -rfka 'postgresql mysql redis'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" status' -l 'status' -d 'Only databases in this status.' -rfka 'provisioning ready updating error deleting'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" search' -l 'search' -d 'Only databases whose name or slug contains TEXT.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" format' -l 'format' -d 'Output format: table or json.' -rfka 'table json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" workspace' -l 'workspace' -d 'The workspace of the database.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" workspace' -l 'workspace' -d 'The workspace of the database.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" all' -l 'all' -d 'Every database of the workspace (--format env only).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" format' -l 'format' -d 'Output format: env (lines for `source`), json or uri.' -rfka 'env json uri'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" env-prefix' -l 'env-prefix' -d 'Prefix of the variable names for --format env (default: DATABASE; none with --all).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb connection" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb local" -eq 1' -fa 'serve' -d 'Serve the local Dooor API until interrupted (prints the URL it listens on).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb local" -eq 1' -fa 'status' -d 'Show each local database: engine, version, mode, pid, port and health.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb local" -eq 1' -fa 'stop' -d 'Stop every local database server and keep its data (the next --local run restarts them).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb local" -eq 1' -fa 'reset' -d 'Stop every local database server, then delete all their data and the local state.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" host' -l 'host' -d 'The address to listen on.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" port' -l 'port' -d 'The port to listen on; 0 picks a free one.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" state' -l 'state' -d 'The state file, written atomically and reloaded on restart.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" engines' -l 'engines' -d 'real servers, simulated records, or auto: real where the engine and version are installed (default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" max-engines' -l 'max-engines' -d 'The most real database servers at once.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" provision-delay' -l 'provision-delay' -d 'How long provisioning, updating and deleting take (e.g. 500ms; default: 2s).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" api-key-file' -l 'api-key-file' -d 'Accept only the key in FILE (default: any dor_sk_... key).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" fail-rate' -l 'fail-rate' -d 'Share (0-1) of API requests answered 500.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" unavailable-rate' -l 'unavailable-rate' -d 'Share (0-1) of API requests answered 503 with Retry-After.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" bad-gateway-rate' -l 'bad-gateway-rate' -d 'Share (0-1) of API requests answered 502 with an HTML page.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" drop-connection-rate' -l 'drop-connection-rate' -d 'Share (0-1) of API requests whose connection is closed mid-answer.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" rate-limit-every' -l 'rate-limit-every' -d 'Every N API requests, start a burst of 429 answers.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" rate-limit-burst' -l 'rate-limit-burst' -d 'How many requests a 429 burst refuses.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" retry-after' -l 'retry-after' -d 'Seconds sent in Retry-After with 429/503.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" latency' -l 'latency' -d 'Delay added to every API answer (e.g. 50ms; default: none).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" error-slugs' -l 'error-slugs' -d 'New databases whose slug matches this regular expression end in error.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" error-rate' -l 'error-rate' -d 'Share (0-1) of new databases that end in error.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" fault-seed' -l 'fault-seed' -d 'Seed for the random fault choices.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" fault-endpoints' -l 'fault-endpoints' -d 'Limit the request faults and --latency to these endpoints, comma-separated (default: all).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local status" state' -l 'state' -d 'The state file of the local API.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local status" format' -l 'format' -d 'text or json.' -rfka 'text json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local status" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local stop" state' -l 'state' -d 'The state file of the local API.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local stop" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local stop" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local reset" state' -l 'state' -d 'The state file of the local API.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local reset" yes' -l 'yes' -d 'Delete without asking.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local reset" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb local reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb reconcile" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile"' -l 'workspace' -d 'Only this workspace (repeatable).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile"' -l 'policy' -d 'A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by \':\').' -rfa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" interval' -l 'interval' -d 'How often a cycle starts (e.g. 30s; default: 5m).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" mode' -l 'mode' -d 'drift: report only; apply: also apply non-destructive plans.' -rfka 'drift apply'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" listen' -l 'listen' -d 'Where /metrics, /healthz and /readyz are served.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" log-format' -l 'log-format' -d 'text or json (one object per line).' -rfka 'text json'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" parallelism' -l 'parallelism' -d 'In apply mode, at most this many changes at a time.' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" timeout' -l 'timeout' -d 'In apply mode, how long each database may take (e.g. 90s; default: 20m).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" api-url' -l 'api-url' -d 'The Dooor API root (default: $DOOOR_API_URL, else https://os-develop.dooor.ai/api/v1).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" api-key-file' -l 'api-key-file' -d 'Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).' -rF
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" allow-open-key-file' -l 'allow-open-key-file' -d 'Use --api-key-file even when other users can read it (refused by default, as ssh does).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" local' -l 'local' -d 'Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" local-engines' -l 'local-engines' -d 'With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).' -rfka ''
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" verbose' -l 'verbose' -d 'Log every HTTP request to stderr (method, path, status, time; secrets redacted).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" no-color' -l 'no-color' -d 'Never colour output (also: NO_COLOR).'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb reconcile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_positional "dooordb completion" -eq 1' -fka 'bash zsh fish'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb completion" version' -l 'version' -d 'Show the version.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb completion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dooordb' -n '__dooordb_should_offer_completions_for_flags_or_options "dooordb help" version' -l 'version' -d 'Show the version.'
