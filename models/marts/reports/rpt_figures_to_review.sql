{#- Figures read by OCR that the loaders held back instead of loading (loaders/review.py): uncertain digits, or a
    check the document offers that fails (parts that do not add up, an amount in words that says otherwise). Each
    row says where to look: file, page, line or table row, and the figure's box on the page image. -#}
with

held as (

    select * from {{ ref('stg_extracted__held_figures') }}

),

final as (

    select
        held_id,
        document_id,
        fact_type,
        line_code,
        label,
        figure_value,
        unit,
        reason,
        detail,
        confidence,
        source_file,
        source_line,
        source_locator,
        span_start,
        page_number,
        box_x0,
        box_top,
        box_x1,
        box_bottom,
        dpi,
        figure_text,
        source_quote
    from held

)

select * from final
