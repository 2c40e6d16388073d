{#- What each document states for each line of the programme's budget: one row per document, line key and kind
    of statement (allocation, change, result after adjustment, disbursement at a date, plan). The line key is
    programme, province, years, project and sub-project, capital type, budget level and area (its code, or its
    name where it has none); integrated and credit money is left out. A national document's line whose label
    names a province ("Hà Giang - Vốn sự nghiệp", a table row of provinces) is that province's.
    - A document that states a key several times (a total and its parts under the same key, the body and its
      appendix) states it once: its first line at the key that is not a part of another of its lines there;
      several changes of a line not linked as whole and parts (its body and appendix, parts the reading did not
      attach) are one change, the net: the amount that is the sum of the others, where there is one.
    - allocation_rank orders the documents stating an allocation of a line (not a status at a date): a
      province's decisions, plans and reports first, then a national document, then a district's or commune's
      own documents, news items last; each by date of issue. Rank 1 is the allocation; the others restate it.
    - is_counted_change: the changes (điều chỉnh tăng/giảm) that count for a line: every decision's or report's,
      and a news item's only where no other document states a change of the line (it repeats a resolution).
    Every row depends on its line's statements alone, so an incremental build refreshes only the lines the
    replaced documents state (macros/incremental). -#}
{{ config(**ntp_per_line_config('line_key')) }}

with

stated as (

    select * from {{ ref('int_funding_statements_by_document') }} {{ ntp_only_replaced_lines('line_key') }}

),

change_sources as (

    select
        line_key,
        max(case when is_news then 0 else 1 end) as has_non_news
    from stated
    where statement_class = 'change'
    group by line_key

),

final as (

    select
        stated.*,
        case
            when stated.statement_class = 'allocation' and stated.as_of_date is null
                then row_number() over (
                        partition by
                            stated.line_key,
                            case when stated.statement_class = 'allocation' and stated.as_of_date is null then 1 end
                        order by
                            case
                                when stated.is_news then 3
                                when stated.document_admin_level in ('district', 'commune') then 2
                                when stated.is_national_line then 1
                                else 0
                            end,
                            coalesce(stated.issued_date, make_date(9999, 12, 31)),
                            stated.document_id
                    )
        end as allocation_rank,
        stated.statement_class = 'change'
        and (not stated.is_news or change_sources.has_non_news = 0) as is_counted_change
    from stated
    left join change_sources
        on stated.line_key = change_sources.line_key

)

select * from final
