#compdef dooordb

__dooordb_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__dooordb_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __dooordb_complete "${completions[@]:0:-1}"
    fi
}

__dooordb_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_dooordb() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'plan:Show what apply would change, without changing anything.'
            'apply:Make the databases match the manifests, in dependency order.'
            'drift:Report what differs between the manifests and the API; never changes anything.'
            'validate:Check manifests offline and report every problem with its position.'
            'export:Write a manifest declaring a workspace'\''s databases as they are (to adopt it).'
            'graph:Draw the declared databases and their dependsOn edges (Mermaid or Graphviz).'
            'list:List the databases of a workspace.'
            'get:Show one database of a workspace, found by its slug.'
            'connection:Print a database'\''s credentials (the only command that shows a password).'
            'local:Run the local Dooor API, with real or simulated databases, and manage its servers.'
            'reconcile:Detect drift continuously (and with --mode apply, fix it), with Prometheus metrics.'
            'completion:Print the shell completion script for bash, zsh or fish.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        plan|apply|drift|validate|export|graph|list|get|connection|local|reconcile|completion|help)
            "_dooordb_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_dooordb_plan() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'markdown')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '*--workspace[Only this workspace (repeatable).]:WS:'
        '--format[Output format\: text, json or markdown.]:format:{__dooordb_complete "${___format[@]}"}'
        '--max-chars[Keep markdown within N characters\: field details are left out first, then table rows, and the last line says what was left out.]:N:'
        '--out[Also save the plan for `apply --plan FILE`.]:FILE:_files'
        '--detailed-exitcode[Exit 2 when the plan has changes, 0 when it has none.]'
        '--max-destroy[Refuse a plan with more than N deletes and replaces, whatever --allow-destroy says.]:N:'
        '*--target[Only this database, and the ones it depends on that must be created first (repeatable).]:WS/SLUG:'
        '*--replace[Replace this database even without a difference (destructive; repeatable).]:WS/SLUG:'
        '*--policy[A policy file or folder of .yaml/.yml policy files (repeatable; default\: $DOOORDB_POLICY, paths separated by '\''\:'\'').]:PATH:_files -g '\''*.yaml *.yml'\'''
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_apply() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '*--workspace[Only this workspace (repeatable).]:WS:'
        '--plan[Apply this saved plan (from `plan --out`).]:FILE:_files -g '\''*.json'\'''
        '--plan-max-age[With --plan\: refuse a saved plan made longer ago than this (e.g. 30m, 1h).]:DURATION:'
        '--expect-checksum[With --plan\: apply it only if its checksum is this one (as `plan --out` printed it).]:sha256\:HEX:'
        '--auto-approve[Do not ask for confirmation.]'
        '--allow-destroy[Allow deleting and replacing databases.]'
        '--parallelism[At most this many changes at a time.]:parallelism:'
        '--timeout[How long each database may take, waiting included (e.g. 90s, 20m); each request too (default\: 20m).]:timeout:'
        '--format[Output format of the report\: text or json.]:format:{__dooordb_complete "${___format[@]}"}'
        '--max-destroy[Refuse a plan with more than N deletes and replaces, whatever --allow-destroy says.]:N:'
        '*--target[Only this database, and the ones it depends on that must be created first (repeatable).]:WS/SLUG:'
        '*--replace[Replace this database even without a difference (destructive; repeatable).]:WS/SLUG:'
        '*--policy[A policy file or folder of .yaml/.yml policy files (repeatable; default\: $DOOORDB_POLICY, paths separated by '\''\:'\'').]:PATH:_files -g '\''*.yaml *.yml'\'''
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_drift() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'markdown')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '*--workspace[Only this workspace (repeatable).]:WS:'
        '--format[Output format\: text, json or markdown.]:format:{__dooordb_complete "${___format[@]}"}'
        '--max-chars[Keep markdown within N characters\: field details are left out first, then table rows, and the last line says what was left out.]:N:'
        '*--policy[A policy file or folder of .yaml/.yml policy files (repeatable; default\: $DOOORDB_POLICY, paths separated by '\''\:'\'').]:PATH:_files -g '\''*.yaml *.yml'\'''
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_validate() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '--format[Output format\: text or json.]:format:{__dooordb_complete "${___format[@]}"}'
        '*--policy[A policy file or folder of .yaml/.yml policy files (repeatable; default\: $DOOORDB_POLICY, paths separated by '\''\:'\'').]:PATH:_files -g '\''*.yaml *.yml'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace to export.]:workspace:'
        '--out[Write the manifest to FILE instead of standard output.]:out:_files'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_graph() {
    local -i ret=1
    local -ar ___format=('mermaid' 'dot')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '*--workspace[Only this workspace (repeatable).]:WS:'
        '--format[Output format\: mermaid or dot.]:format:{__dooordb_complete "${___format[@]}"}'
        '--offline[Do not call the API\: draw the graph without planned actions.]'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_list() {
    local -i ret=1
    local -ar ___engine=('postgresql' 'mysql' 'redis')
    local -ar ___status=('provisioning' 'ready' 'updating' 'error' 'deleting')
    local -ar ___format=('table' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace to list.]:workspace:'
        '--engine[Only databases of this engine.]:engine:{__dooordb_complete "${___engine[@]}"}'
        '--status[Only databases in this status.]:status:{__dooordb_complete "${___status[@]}"}'
        '--search[Only databases whose name or slug contains TEXT.]:search:'
        '--format[Output format\: table or json.]:format:{__dooordb_complete "${___format[@]}"}'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_get() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace of the database.]:workspace:'
        ':slug:'
        '--format[Output format\: text or json.]:format:{__dooordb_complete "${___format[@]}"}'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_connection() {
    local -i ret=1
    local -ar ___format=('env' 'json' 'uri')
    local -ar arg_specs=(
        '--workspace[The workspace of the database.]:workspace:'
        ':slug:'
        '--all[Every database of the workspace (--format env only).]'
        '--format[Output format\: env (lines for `source`), json or uri.]:format:{__dooordb_complete "${___format[@]}"}'
        '--env-prefix[Prefix of the variable names for --format env (default\: DATABASE; none with --all).]:env-prefix:'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_local() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'serve:Serve the local Dooor API until interrupted (prints the URL it listens on).'
            'status:Show each local database: engine, version, mode, pid, port and health.'
            'stop:Stop every local database server and keep its data (the next --local run restarts them).'
            'reset:Stop every local database server, then delete all their data and the local state.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        serve|status|stop|reset)
            "_dooordb_local_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_dooordb_local_serve() {
    local -i ret=1
    local -ar arg_specs=(
        '--host[The address to listen on.]:host:'
        '--port[The port to listen on; 0 picks a free one.]:port:'
        '--state[The state file, written atomically and reloaded on restart.]:state:'
        '--engines[real servers, simulated records, or auto\: real where the engine and version are installed (default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--max-engines[The most real database servers at once.]:max-engines:'
        '--provision-delay[How long provisioning, updating and deleting take (e.g. 500ms; default\: 2s).]:provision-delay:'
        '--api-key-file[Accept only the key in FILE (default\: any dor_sk_... key).]:api-key-file:'
        '--fail-rate[Share (0-1) of API requests answered 500.]:fail-rate:'
        '--unavailable-rate[Share (0-1) of API requests answered 503 with Retry-After.]:unavailable-rate:'
        '--bad-gateway-rate[Share (0-1) of API requests answered 502 with an HTML page.]:bad-gateway-rate:'
        '--drop-connection-rate[Share (0-1) of API requests whose connection is closed mid-answer.]:drop-connection-rate:'
        '--rate-limit-every[Every N API requests, start a burst of 429 answers.]:rate-limit-every:'
        '--rate-limit-burst[How many requests a 429 burst refuses.]:rate-limit-burst:'
        '--retry-after[Seconds sent in Retry-After with 429/503.]:retry-after:'
        '--latency[Delay added to every API answer (e.g. 50ms; default\: none).]:latency:'
        '--error-slugs[New databases whose slug matches this regular expression end in error.]:error-slugs:'
        '--error-rate[Share (0-1) of new databases that end in error.]:error-rate:'
        '--fault-seed[Seed for the random fault choices.]:fault-seed:'
        '--fault-endpoints[Limit the request faults and --latency to these endpoints, comma-separated (default\: all).]:LIST:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_local_status() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--state[The state file of the local API.]:state:'
        '--format[text or json.]:format:{__dooordb_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_local_stop() {
    local -i ret=1
    local -ar arg_specs=(
        '--state[The state file of the local API.]:state:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_local_reset() {
    local -i ret=1
    local -ar arg_specs=(
        '--state[The state file of the local API.]:state:'
        '--yes[Delete without asking.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_reconcile() {
    local -i ret=1
    local -ar ___mode=('drift' 'apply')
    local -ar ___log_format=('text' 'json')
    local -ar arg_specs=(
        '*:paths:_files -g '\''*.yaml *.yml'\'''
        '*--workspace[Only this workspace (repeatable).]:WS:'
        '*--policy[A policy file or folder of .yaml/.yml policy files (repeatable; default\: $DOOORDB_POLICY, paths separated by '\''\:'\'').]:PATH:_files -g '\''*.yaml *.yml'\'''
        '--interval[How often a cycle starts (e.g. 30s; default\: 5m).]:interval:'
        '--mode[drift\: report only; apply\: also apply non-destructive plans.]:mode:{__dooordb_complete "${___mode[@]}"}'
        '--listen[Where /metrics, /healthz and /readyz are served.]:HOST\:PORT:'
        '--log-format[text or json (one object per line).]:log-format:{__dooordb_complete "${___log_format[@]}"}'
        '--parallelism[In apply mode, at most this many changes at a time.]:parallelism:'
        '--timeout[In apply mode, how long each database may take (e.g. 90s; default\: 20m).]:timeout:'
        '--api-url[The Dooor API root (default\: $DOOOR_API_URL, else https\://os-develop.dooor.ai/api/v1).]:URL:'
        '--api-key-file[Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).]:FILE:_files'
        '--allow-open-key-file[Use --api-key-file even when other users can read it (refused by default, as ssh does).]'
        '--insecure-http[Allow a plain http\:// API URL to a host that is not this machine (the key is sent unencrypted).]'
        '--local[Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed).]'
        '--local-engines[With --local\: real servers, simulated records, or auto (real where installed; default\: $DOOORDB_LOCAL_ENGINES, else auto).]:MODE:'
        '--verbose[Log every HTTP request to stderr (method, path, status, time; secrets redacted).]'
        '--no-color[Never colour output (also\: NO_COLOR).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_completion() {
    local -i ret=1
    local -ar _shell=('bash' 'zsh' 'fish')
    local -ar arg_specs=(
        ':shell:{__dooordb_complete "${_shell[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dooordb_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _dooordb ]]; then
    _dooordb "${@}"
else
    compdef _dooordb dooordb
fi
