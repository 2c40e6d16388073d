{#- What each document states for each line of the programme's budget, document by document (see
    int_funding_statements, which ranks these statements across documents): one row per document, line key and kind
    of statement, the document's outermost line at the key. Every row depends on its own document's lines alone, so
    an incremental build refreshes only the documents that changed (macros/incremental). -#}
{{ config(**ntp_per_document_config()) }}

with

lines as (

    select * from {{ ref('int_funding_lines_apportioned') }} {{ ntp_only_replaced_documents() }}

),

breakdowns as (

    select * from {{ ref('stg_extracted__funding_breakdowns') }} {{ ntp_only_replaced_documents() }}

),

documents as (

    select * from {{ ref('int_documents_located') }} {{ ntp_only_replaced_documents() }}

),

provinces as (

    select * from {{ ref('stg_reference__provinces') }}

),

change_words as (

    select value as change_word from {{ ref('stg_reference__value_lists') }}
    where list_name = 'change_word'

),

worded_changes as (

    select distinct lines.allocation_id
    from lines
    inner join change_words
        on lower(lines.label) like '%' || change_words.change_word || '%'
    where lines.budget_phase = 'adjusted'

),

changes as (

    select lines.allocation_id
    from lines
    left join worded_changes
        on lines.allocation_id = worded_changes.allocation_id
    left join lines as parent
        on lines.parent_allocation_id = parent.allocation_id
    where
        lines.budget_phase = 'adjusted'
        and (
            lines.amount_million_vnd < 0
            or worded_changes.allocation_id is not null
            or parent.budget_phase = 'adjusted'
        )

),

national_lines as (

    select
        lines.allocation_id,
        min(provinces.province_code) as named_province_code
    from lines
    inner join documents
        on lines.document_id = documents.document_id
    inner join provinces
        on
            lower(lines.label) like lower(provinces.province_name) || ' - %'
            or lower(lines.label) like lower(provinces.province_type) || ' ' || lower(provinces.province_name) || ' - %'
    where documents.admin_level = 'national' and not provinces.is_national
    group by lines.allocation_id

),

classified as (

    select
        lines.*,
        coalesce(national_lines.named_province_code, lines.province_code) as line_province_code,
        national_lines.named_province_code is not null as is_national_line,
        case lines.budget_phase
            when 'allocated' then 'allocation'
            when 'planned' then 'plan'
            when 'disbursed' then 'disbursement'
            else case when changes.allocation_id is not null then 'change' else 'result' end
        end as statement_class,
        coalesce(lines.area_code, lines.area_name) as area_key
    from lines
    left join changes
        on lines.allocation_id = changes.allocation_id
    left join national_lines
        on lines.allocation_id = national_lines.allocation_id
    where coalesce(lines.funding_source, 'program') = 'program'

),

keyed as (

    select
        *,
        {{ ntp_surrogate_key([
            'program_code', 'line_province_code', 'period_start_year', 'period_end_year', 'project_code',
            'sub_project_code', 'capital_type', 'budget_level', 'area_key'
        ]) }} as line_key
    from classified

),

column_parents as (

    select
        document_id,
        child_line_code as line_code,
        parent_line_code
    from breakdowns
    where breakdown_axis = 'column'

),

nested as (

    select distinct child.allocation_id
    from keyed as child
    left join column_parents
        on
            child.document_id = column_parents.document_id
            and child.line_code = column_parents.line_code
    inner join keyed as whole
        on
            child.document_id = whole.document_id
            and child.line_key = whole.line_key
            and child.statement_class = whole.statement_class
            and coalesce(child.as_of_date, make_date(1900, 1, 1)) = coalesce(whole.as_of_date, make_date(1900, 1, 1))
            and (
                child.parent_line_code = whole.line_code
                or column_parents.parent_line_code = whole.line_code
            )

),

unnested as (

    select keyed.*
    from keyed
    left join nested
        on keyed.allocation_id = nested.allocation_id
    where nested.allocation_id is null

),

distinct_amounts as (

    select distinct
        document_id,
        line_key,
        statement_class,
        as_of_date,
        amount_million_vnd
    from unnested

),

amounts_summed as (

    select
        document_id,
        line_key,
        statement_class,
        as_of_date,
        sum(amount_million_vnd) as distinct_sum_million_vnd,
        count(*) as n_distinct_amounts
    from distinct_amounts
    group by document_id, line_key, statement_class, as_of_date

),

outermost as (

    select
        unnested.*,
        row_number() over (
            partition by unnested.document_id, unnested.line_key, unnested.statement_class, unnested.as_of_date
            order by
                case
                    when
                        unnested.statement_class = 'change'
                        and amounts_summed.n_distinct_amounts >= 3
                        and abs(
                            2 * unnested.amount_million_vnd - amounts_summed.distinct_sum_million_vnd
                        ) <= 0.0005
                        then 0
                    else 1
                end,
                unnested.source_line,
                unnested.line_code
        ) as rank_in_document,
        count(*) over (
            partition by unnested.document_id, unnested.line_key, unnested.statement_class, unnested.as_of_date
        ) as n_statements_in_document
    from unnested
    inner join amounts_summed
        on
            unnested.document_id = amounts_summed.document_id
            and unnested.line_key = amounts_summed.line_key
            and unnested.statement_class = amounts_summed.statement_class
            and coalesce(unnested.as_of_date, make_date(1900, 1, 1))
            = coalesce(amounts_summed.as_of_date, make_date(1900, 1, 1))

),

stated as (

    select
        outermost.line_key,
        outermost.document_id,
        outermost.statement_class,
        outermost.as_of_date,
        outermost.allocation_id,
        outermost.program_code,
        outermost.line_province_code as province_code,
        outermost.is_national_line,
        outermost.plan_year,
        outermost.period_start_year,
        outermost.period_end_year,
        coalesce(outermost.sub_project_code, outermost.project_code) as project_code,
        outermost.project_code as top_project_code,
        outermost.sub_project_code,
        outermost.capital_type,
        outermost.budget_level,
        outermost.area_code,
        outermost.area_name,
        outermost.area_key,
        outermost.amount_million_vnd,
        outermost.precision_million_vnd,
        outermost.is_approximate,
        outermost.n_statements_in_document,
        outermost.label,
        outermost.source_file,
        outermost.source_line,
        documents.doc_kind,
        documents.admin_level as document_admin_level,
        documents.area_code as document_area_code,
        documents.issued_date,
        documents.doc_kind = 'news' as is_news
    from outermost
    inner join documents
        on outermost.document_id = documents.document_id
    where outermost.rank_in_document = 1

)

select * from stated
