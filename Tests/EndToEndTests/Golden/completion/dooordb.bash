#!/bin/bash

__dooordb_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__dooordb_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__dooordb_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__dooordb_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_dooordb() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __dooordb_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    plan|apply|drift|validate|export|graph|list|get|connection|local|reconcile|completion|help)
        # Offer subcommand argument completions
        "_dooordb_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'plan apply drift validate export graph list get connection local reconcile completion help' -- "${cur}"))
        ;;
    esac
}

_dooordb_plan() {
    repeating_flags=()
    non_repeating_flags=(--detailed-exitcode --allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=(--workspace --target --replace --policy)
    non_repeating_options=(--format --max-chars --out --max-destroy --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'$'\n''markdown'
        return
        ;;
    '--max-chars')
        return
        ;;
    '--out')
        __dooordb_add_completions -f
        return
        ;;
    '--max-destroy')
        return
        ;;
    '--target')
        return
        ;;
    '--replace')
        return
        ;;
    '--policy')
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_apply() {
    repeating_flags=()
    non_repeating_flags=(--auto-approve --allow-destroy --allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=(--workspace --target --replace --policy)
    non_repeating_options=(--plan --plan-max-age --expect-checksum --parallelism --timeout --format --max-destroy --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--plan')
        __dooordb_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    '--plan-max-age')
        return
        ;;
    '--expect-checksum')
        return
        ;;
    '--parallelism')
        return
        ;;
    '--timeout')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--max-destroy')
        return
        ;;
    '--target')
        return
        ;;
    '--replace')
        return
        ;;
    '--policy')
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_drift() {
    repeating_flags=()
    non_repeating_flags=(--allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=(--workspace --policy)
    non_repeating_options=(--format --max-chars --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'$'\n''markdown'
        return
        ;;
    '--max-chars')
        return
        ;;
    '--policy')
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_validate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--policy)
    non_repeating_options=(--format)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--policy')
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_export() {
    repeating_flags=()
    non_repeating_flags=(--allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --out --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--out')
        __dooordb_add_completions -f
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac
}

_dooordb_graph() {
    repeating_flags=()
    non_repeating_flags=(--offline --allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=(--workspace)
    non_repeating_options=(--format --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'mermaid'$'\n''dot'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_list() {
    repeating_flags=()
    non_repeating_flags=(--allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --engine --status --search --format --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--engine')
        __dooordb_add_completions -W 'postgresql'$'\n''mysql'$'\n''redis'
        return
        ;;
    '--status')
        __dooordb_add_completions -W 'provisioning'$'\n''ready'$'\n''updating'$'\n''error'$'\n''deleting'
        return
        ;;
    '--search')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'table'$'\n''json'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac
}

_dooordb_get() {
    repeating_flags=()
    non_repeating_flags=(--allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --format --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac
}

_dooordb_connection() {
    repeating_flags=()
    non_repeating_flags=(--all --allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --format --env-prefix --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'env'$'\n''json'$'\n''uri'
        return
        ;;
    '--env-prefix')
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac
}

_dooordb_local() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dooordb_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    serve|status|stop|reset)
        # Offer subcommand argument completions
        "_dooordb_local_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'serve status stop reset' -- "${cur}"))
        ;;
    esac
}

_dooordb_local_serve() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--host --port --state --engines --max-engines --provision-delay --api-key-file --fail-rate --unavailable-rate --bad-gateway-rate --drop-connection-rate --rate-limit-every --rate-limit-burst --retry-after --latency --error-slugs --error-rate --fault-seed --fault-endpoints)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--state')
        return
        ;;
    '--engines')
        return
        ;;
    '--max-engines')
        return
        ;;
    '--provision-delay')
        return
        ;;
    '--api-key-file')
        return
        ;;
    '--fail-rate')
        return
        ;;
    '--unavailable-rate')
        return
        ;;
    '--bad-gateway-rate')
        return
        ;;
    '--drop-connection-rate')
        return
        ;;
    '--rate-limit-every')
        return
        ;;
    '--rate-limit-burst')
        return
        ;;
    '--retry-after')
        return
        ;;
    '--latency')
        return
        ;;
    '--error-slugs')
        return
        ;;
    '--error-rate')
        return
        ;;
    '--fault-seed')
        return
        ;;
    '--fault-endpoints')
        return
        ;;
    esac
}

_dooordb_local_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state --format)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state')
        return
        ;;
    '--format')
        __dooordb_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_dooordb_local_stop() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state')
        return
        ;;
    esac
}

_dooordb_local_reset() {
    repeating_flags=()
    non_repeating_flags=(--yes --version -h --help)
    repeating_options=()
    non_repeating_options=(--state)
    __dooordb_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state')
        return
        ;;
    esac
}

_dooordb_reconcile() {
    repeating_flags=()
    non_repeating_flags=(--allow-open-key-file --insecure-http --local --verbose --no-color --version -h --help)
    repeating_options=(--workspace --policy)
    non_repeating_options=(--interval --mode --listen --log-format --parallelism --timeout --api-url --api-key-file --local-engines)
    __dooordb_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--policy')
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    '--interval')
        return
        ;;
    '--mode')
        __dooordb_add_completions -W 'drift'$'\n''apply'
        return
        ;;
    '--listen')
        return
        ;;
    '--log-format')
        __dooordb_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--parallelism')
        return
        ;;
    '--timeout')
        return
        ;;
    '--api-url')
        return
        ;;
    '--api-key-file')
        __dooordb_add_completions -f
        return
        ;;
    '--local-engines')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __dooordb_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_dooordb_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dooordb_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __dooordb_add_completions -W 'bash'$'\n''zsh'$'\n''fish'
        return
        ;;
    esac
}

_dooordb_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __dooordb_offer_flags_options -1
}

complete -o filenames -F _dooordb dooordb
